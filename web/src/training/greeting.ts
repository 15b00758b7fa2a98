/** The home page's greeting for the hour of the day; a question stays a question ("Late session, ada?"). */
export function greeting(hour: number, name: string): string {
  if (hour < 5) return `Late session, ${name}?`;
  if (hour < 12) return `Good morning, ${name}.`;
  if (hour < 18) return `Good afternoon, ${name}.`;
  return `Good evening, ${name}.`;
}
