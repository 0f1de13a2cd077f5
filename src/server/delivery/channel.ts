/**
 * The plug-in point for sending notifications outside the app: e-mail, a webhook, and whatever a
 * bureau connects (政务微信, 钉钉, an SMS gateway). A channel says whom it can reach and sends one
 * message; the dispatcher (dispatcher.ts) retries what fails. See docs/notifications.md.
 */

/** The person a message is for, as the channel needs to reach them. */
export interface Recipient {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
}

/** One notification, ready to send. */
export interface OutgoingMessage {
  /** The notification's id: the same on every retry (a receiver can drop a repeat). */
  readonly id: string;
  readonly kind: string;
  readonly recipient: Recipient;
  readonly title: { readonly zh: string; readonly en: string };
  /** The opinion or comment, when there is one. */
  readonly body: string;
  /** The web app's page for it: absolute when the server knows its public address. */
  readonly link: string;
  readonly createdAt: string;
}

export interface DeliveryChannel {
  /** A short stable name (stored with each delivery): `email`, `webhook`, `wecom` … */
  readonly name: string;
  /** Can this channel reach the person at all (an e-mail address, an account on the other system)? */
  accepts(recipient: Recipient): boolean;
  /** Sends one message; throws to have it retried later. */
  deliver(message: OutgoingMessage): Promise<void>;
}
