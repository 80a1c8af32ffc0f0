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

            // Whether a repository is private was never stored: until its next sync says otherwise, each one tracked before is
            // taken as private (shown to operators only: a repository never synced again, paused or removed, stays so), and
            // that sync must read the repository again rather than be told 304 Not Modified.
            migrationBuilder.Sql("UPDATE \"Repositories\" SET \"IsPrivate\" = 1, \"ETag\" = NULL;");
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
