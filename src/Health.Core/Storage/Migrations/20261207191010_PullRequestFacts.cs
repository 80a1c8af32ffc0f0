using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Health.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class PullRequestFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NextCursor",
                table: "SyncCursors",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Body",
                table: "PullRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ChangedFiles",
                table: "PullRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Labels",
                table: "PullRequests",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NextCursor",
                table: "SyncCursors");

            migrationBuilder.DropColumn(
                name: "Body",
                table: "PullRequests");

            migrationBuilder.DropColumn(
                name: "ChangedFiles",
                table: "PullRequests");

            migrationBuilder.DropColumn(
                name: "Labels",
                table: "PullRequests");
        }
    }
}
