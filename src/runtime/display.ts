/**
 * A task name as text for a terminal or a table: names come from `nameTask()`, any string a program
 * chose. A newline would split a table row, an escape sequence would drive the terminal, and one
 * 100 000-character name would pad every row to that width. JSON reports keep the name as it is.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
export const MAX_DISPLAYED_NAME = 120;

export function displayName(name: string): string {
  const text = String(name).replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return text.length > MAX_DISPLAYED_NAME ? `${text.slice(0, MAX_DISPLAYED_NAME - 1)}…` : text;
}
