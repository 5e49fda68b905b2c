// expect: async-void 13
interface User {
  id: string;
  email: string;
}

async function notify(user: User, text: string): Promise<void> {
  const res = await fetch('https://push.example/send', { method: 'POST', body: JSON.stringify({ to: user.id, text }) });
  if (!res.ok) throw new Error(`push failed: ${res.status}`);
}

export function announce(users: User[], text: string): void {
  users.forEach(async (user) => {
    await notify(user, text);
  });
}
