// expect: floating 16
interface User {
  id: number;
  email: string;
}

async function sendEmail(to: string, subject: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  if (!to.includes('@')) throw new Error(`bad address ${to}`);
  console.log(`sent "${subject}" to ${to}`);
}

export async function welcomeAll(users: User[]): Promise<number> {
  let count = 0;
  for (const user of users) {
    sendEmail(user.email, 'Welcome!');
    count++;
  }
  return count;
}
