// Placeholder until the supervision sweep issue: it reads nothing and writes nothing.
export async function handler(): Promise<{ examined: number }> {
  return { examined: 0 };
}
