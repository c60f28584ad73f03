/** SQLite's CURRENT_TIMESTAMP text, "YYYY-MM-DD HH:MM:SS" (UTC), as the bot-state statements stamp rows. */
export function sqliteTimestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').slice(0, 19);
}
