export const CODE_LENGTH = 8;

/** People paste codes as "1234 5678" or "1234-5678"; only the digits matter. */
export function normalizeCode(raw: string): string {
  return raw.replace(/[\s-]/g, "");
}

/** Null when the code is usable, else what to tell the person. */
export function codeProblem(raw: string): string | null {
  const code = normalizeCode(raw);
  if (code === "") return "Enter the 8-digit code from the email.";
  if (!/^\d+$/.test(code)) return "The code is made of digits only.";
  if (code.length !== CODE_LENGTH) return `The code has ${CODE_LENGTH} digits; you entered ${code.length}.`;
  return null;
}
