using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Health.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class StoredRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StoredRows",
                columns: table => new
                {
                    RepositoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Range = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Rows = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredRows", x => new { x.RepositoryId, x.Range });
                    table.ForeignKey(
                        name: "FK_StoredRows_Repositories_RepositoryId",
                        column: x => x.RepositoryId,
                        principalTable: "Repositories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PullRequests_Waiting",
                table: "PullRequests",
                columns: new[] { "RepositoryId", "CreatedAt" },
                filter: "\"State\" = 'open' AND \"FirstResponseAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Issues_Waiting",
                table: "Issues",
                columns: new[] { "RepositoryId", "CreatedAt" },
                filter: "\"State\" = 'open' AND \"FirstResponseAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StoredRows");

            migrationBuilder.DropIndex(
                name: "IX_PullRequests_Waiting",
                table: "PullRequests");

            migrationBuilder.DropIndex(
                name: "IX_Issues_Waiting",
                table: "Issues");
        }
    }
}
