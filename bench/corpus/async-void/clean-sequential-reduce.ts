// expect: none
interface Step {
  run(input: string): Promise<string>;
}

export async function pipeline(steps: Step[], input: string): Promise<string> {
  return steps.reduce<Promise<string>>(async (previous, step) => step.run(await previous), Promise.resolve(input));
}
