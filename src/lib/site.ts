/** Site-wide settings that deployments change through environment variables. */

/** Where the content's source lives; the editors' "редактирайте тази страница" links open files there. */
export const REPOSITORY_URL = (process.env.HARTA_REPOSITORY_URL ?? "https://github.com/harta-bg/harta").replace(
  /\/$/,
  "",
);
/** The branch editors propose changes against. */
export const REPOSITORY_BRANCH = process.env.HARTA_REPOSITORY_BRANCH ?? "main";

/** The repository page that edits one file, e.g. content/charters/kostinbrod.mdx. */
export function editUrl(filePath: string): string {
  return `${REPOSITORY_URL}/edit/${REPOSITORY_BRANCH}/${filePath.replace(/^\.\//, "")}`;
}
