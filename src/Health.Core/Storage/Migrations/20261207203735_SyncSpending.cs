using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Health.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class SyncSpending : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "GraphQLRequests",
                table: "SyncStatuses",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Points",
                table: "SyncStatuses",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PointsRemaining",
                table: "SyncStatuses",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "GraphQLRequests",
                table: "SyncStatuses");

            migrationBuilder.DropColumn(
                name: "Points",
                table: "SyncStatuses");

            migrationBuilder.DropColumn(
                name: "PointsRemaining",
                table: "SyncStatuses");
        }
    }
}
