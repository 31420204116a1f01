// A Teams deep link to the app's My portfolio tab, carrying a sign-in token the tab reads from its address.

/** The tab's entity id in the manifest (`staticTabs`). */
export const PORTFOLIO_TAB = "portfolio";

/**
 * `https://teams.microsoft.com/l/entity/{appId}/portfolio?context={"subEntityId":token}`: Teams opens the tab and puts
 * the token where the manifest's contentUrl says `{page.subPageId}` (`/tab/portfolio?signin=…`).
 */
export function teamsTabLink(appId: string, token: string): string {
  const context = encodeURIComponent(JSON.stringify({ subEntityId: token }));
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(appId)}/${PORTFOLIO_TAB}?context=${context}`;
}
