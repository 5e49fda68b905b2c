// expect: none
interface Event {
  name: string;
  props: Record<string, string>;
}

// Never rejects: failures are counted and dropped, so dropping the promise loses nothing.
async function track(event: Event): Promise<void> {
  try {
    await fetch('https://analytics.example/collect', { method: 'POST', body: JSON.stringify(event) });
  } catch {
    droppedEvents++;
  }
}

let droppedEvents = 0;

export function onCheckout(orderId: string): void {
  void track({ name: 'checkout', props: { orderId } });
}
