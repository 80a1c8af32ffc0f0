using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Health.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class FactsSequence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SyncFinishedAt",
                table: "DerivedStates");

            migrationBuilder.AddColumn<long>(
                name: "FactsSequence",
                table: "PullRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "FactsSequence",
                table: "Issues",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "DerivedStates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "WholeSequence",
                table: "DerivedStates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "ActivityDays",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_PullRequests_RepositoryId_FactsSequence",
                table: "PullRequests",
                columns: new[] { "RepositoryId", "FactsSequence" });

            migrationBuilder.CreateIndex(
                name: "IX_Issues_RepositoryId_FactsSequence",
                table: "Issues",
                columns: new[] { "RepositoryId", "FactsSequence" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityDays_RepositoryId_Sequence",
                table: "ActivityDays",
                columns: new[] { "RepositoryId", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PullRequests_RepositoryId_FactsSequence",
                table: "PullRequests");

            migrationBuilder.DropIndex(
                name: "IX_Issues_RepositoryId_FactsSequence",
                table: "Issues");

            migrationBuilder.DropIndex(
                name: "IX_ActivityDays_RepositoryId_Sequence",
                table: "ActivityDays");

            migrationBuilder.DropColumn(
                name: "FactsSequence",
                table: "PullRequests");

            migrationBuilder.DropColumn(
                name: "FactsSequence",
                table: "Issues");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "DerivedStates");

            migrationBuilder.DropColumn(
                name: "WholeSequence",
                table: "DerivedStates");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "ActivityDays");

            migrationBuilder.AddColumn<DateTime>(
                name: "SyncFinishedAt",
                table: "DerivedStates",
                type: "TEXT",
                nullable: true);
        }
    }
}
