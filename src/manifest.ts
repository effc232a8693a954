/** The placeholder manifest.yml carries where Slack's request URL goes. */
export const REQUEST_URL_PLACEHOLDER = 'https://REPLACE-WITH-YOUR-REQUEST-URL/slack/events';

/**
 * Fills the request URL into the manifest text (comments and layout kept). Slack needs an HTTPS URL;
 * the app answers on the path `/slack/events`, which is added when the URL has no path.
 */
export function manifestWithUrl(manifest: string, url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`--url must be a URL, got "${url}"`);
  }
  if (parsed.protocol !== 'https:') throw new Error(`--url must be https (Slack refuses plain http): ${url}`);
  if (parsed.pathname === '/' || parsed.pathname === '') parsed.pathname = '/slack/events';
  if (!manifest.includes(REQUEST_URL_PLACEHOLDER))
    throw new Error('manifest.yml has no request URL placeholder');
  return manifest.replaceAll(REQUEST_URL_PLACEHOLDER, parsed.toString());
}
