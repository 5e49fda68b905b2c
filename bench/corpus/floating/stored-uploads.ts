// expect: floating 8
async function upload(path: string): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 3));
  return `s3://bucket/${path}`;
}

export async function publishRelease(files: string[]): Promise<void> {
  const pending = files.map((file) => upload(file));
  console.log(`publishing ${files.length} files`);
}
