async function save(): Promise<void> {}

export function handler(): void {
  save();
}
