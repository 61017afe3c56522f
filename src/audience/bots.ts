/**
 * Which requests are not readers: crawlers, link previewers, monitors and scripts. The rules
 * are by user agent only (the one thing a beacon carries besides the story); a request with no
 * user agent is not a browser. The words are those crawlers put in their own user agents.
 */
const BOT_WORDS =
  /bot\b|bot\/|crawl|spider|slurp|scrape|fetch|preview|monitor|uptime|pingdom|lighthouse|headless|phantom|facebookexternalhit|embedly|whatsapp|telegram|skype|discord|slack|feed|rss|reader\b|archive|wget|curl|python|java\/|go-http|okhttp|axios|node-fetch|undici|libwww|httpclient|http_request|postman|insomnia|apache-http/i;

export function isBot(userAgent: string | undefined): boolean {
  if (!userAgent || userAgent.length < 10) return true;
  return BOT_WORDS.test(userAgent);
}
