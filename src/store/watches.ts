/** A watch to store: its name, its rule as validated JSON (src/watch/rule.ts reads it) and where its alerts are posted. */
export interface NewWatch {
  readonly name: string
  /** The rule as JSON text; the store keeps it as it is. */
  readonly rule: string
  readonly webhookUrl: string | null
  readonly webhookSecret: string | null
  /** Webhook posts may go to private and loopback addresses (an intranet receiver). */
  readonly allowPrivate: boolean
  /** Events up to this id are history for the watch: it only fires on events stored after it. */
  readonly afterEventId: number
}

/** A stored watch with the id of the last event it has looked at. */
export interface StoredWatch extends NewWatch {
  readonly createdAt: string
}

/** Where an alert's webhook delivery stands: no webhook, waiting, delivered, or given up after retries. */
export type DeliveryStatus = 'none' | 'pending' | 'delivered' | 'failed'

/** An alert to record: the watch, the key that makes it fire once (a window's start, a first event's kind) and what it says. */
export interface NewAlert {
  readonly watch: string
  /** Unique per watch: the same key never fires twice ("2025-07-28", "first:19"). */
  readonly key: string
  readonly kind: string
  /** The window the alert is about (YYYY-MM-DD, both days included). */
  readonly windowStart: string
  readonly windowEnd: string
  /** One line for people. */
  readonly summary: string
  /** The figures and the events that caused it, as JSON text. */
  readonly detail: string
  readonly delivery: DeliveryStatus
}

/** A recorded alert with its delivery state. */
export interface StoredAlert extends NewAlert {
  readonly id: number
  readonly firedAt: string
  readonly attempts: number
  readonly deliveryError: string | null
  readonly deliveredAt: string | null
}

/** Which alerts a listing wants: one watch's or all, newest first, before an alert id (a cursor). */
export interface AlertQuery {
  readonly watch?: string
  readonly before?: number
  readonly limit: number
}

/** Where watches and their alerts are kept; part of every Store. */
export interface WatchStore {
  /** Stores a new watch; false when a watch of that name exists already. */
  addWatch(watch: NewWatch): Promise<boolean>
  listWatches(): Promise<StoredWatch[]>
  getWatch(name: string): Promise<StoredWatch | null>
  /** Removes a watch and its alerts; false when there is no such watch. */
  removeWatch(name: string): Promise<boolean>
  /**
   * Records what one evaluation found, at once: the watch's cursor moves from `fromEventId` to
   * `toEventId` and the alerts whose key is new are stored. Answers the stored alerts, or null
   * (and records nothing) when another process moved the cursor first.
   */
  recordEvaluation(watch: string, fromEventId: number, toEventId: number, alerts: readonly NewAlert[]): Promise<StoredAlert[] | null>
  listAlerts(query: AlertQuery): Promise<StoredAlert[]>
  /** Alerts whose webhook delivery is still pending, oldest first. */
  pendingDeliveries(limit: number): Promise<StoredAlert[]>
  /** Records how a delivery went. */
  recordDelivery(alertId: number, status: DeliveryStatus, attempts: number, error: string | null): Promise<void>
  /** The earliest full event date (YYYY-MM-DD) stored, or null: how far back the history goes. */
  firstEventDate(): Promise<string | null>
}
