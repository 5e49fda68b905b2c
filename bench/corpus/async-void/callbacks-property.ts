// expect: async-void 14
interface UploadCallbacks {
  onProgress: (percent: number) => void;
  onComplete: (url: string) => void;
}

async function recordUpload(url: string): Promise<void> {
  const res = await fetch('https://api.example/uploads', { method: 'POST', body: url });
  if (!res.ok) throw new Error('could not record upload');
}

export const callbacks: UploadCallbacks = {
  onProgress: (percent) => console.log(`${percent}%`),
  onComplete: async (url) => {
    await recordUpload(url);
  },
};
