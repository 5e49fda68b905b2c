// expect: none
interface Mailer {
  send(to: string, body: string): Promise<void>;
}

export function notifyAdmins(mailer: Mailer, admins: string[], message: string): void {
  for (const admin of admins) {
    mailer.send(admin, message).catch((err: unknown) => {
      console.error(`could not notify ${admin}:`, err);
    });
  }
}
