using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Health.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class RepositoryVisibility : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsPrivate",
                table: "Repositories",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Whether a repository is private was never stored: the next sync must read the repository again rather than
            // be told 304 Not Modified, so that each one's visibility is known.
            migrationBuilder.Sql("UPDATE \"Repositories\" SET \"ETag\" = NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsPrivate",
                table: "Repositories");
        }
    }
}
