using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Health.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Scheduling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Cron",
                table: "Repositories",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "0 * * * *");

            migrationBuilder.AddColumn<bool>(
                name: "Paused",
                table: "Repositories",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "RemovedAt",
                table: "Repositories",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Source",
                table: "Repositories",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "Repositories",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "UTC");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Cron",
                table: "Repositories");

            migrationBuilder.DropColumn(
                name: "Paused",
                table: "Repositories");

            migrationBuilder.DropColumn(
                name: "RemovedAt",
                table: "Repositories");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "Repositories");

            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "Repositories");
        }
    }
}
