/** Table types of supervision (督办) and notifications; the same shapes on SQLite and PostgreSQL. */

export interface SupervisionOrderTable {
  id: string;
  plan_id: string;
  /** indicator, task, project, report or other (core/supervision.ts SUBJECT_TYPE). */
  subject_type: string;
  subject_id: string | null;
  subject_name: string;
  /** The warning the order was issued from, to tell when it has cleared. */
  warning_key: string | null;
  warning_colour: string | null;
  warning_message: string | null;
  unit_id: string;
  /** JSON array of co-operating unit ids. */
  co_units: string;
  requirement: string;
  level: string;
  state: string;
  deadline: string;
  original_deadline: string;
  extension_reason: string | null;
  returns: number;
  return_reason: string | null;
  issued_by: string;
  closed_by: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SupervisionReplyTable {
  id: string;
  order_id: string;
  measures: string;
  progress: string;
  expected_completion: string | null;
  /** JSON array of { name, url }. */
  attachments: string;
  unit_id: string | null;
  replied_by: string;
  created_at: string;
}

export interface NotificationTable {
  id: string;
  channel: string;
  recipient: string;
  unit_id: string | null;
  order_id: string | null;
  subject: string;
  body: string;
  /** pending → sending → sent, or back to pending after a failure, failed after the last attempt. */
  state: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string;
  claimed_by: string | null;
  claimed_at: string | null;
  sent_at: string | null;
  read_at: string | null;
  dedupe_key: string | null;
  created_at: string;
}

export interface NotificationContactTable {
  id: string;
  unit_id: string;
  /** email or dingtalk */
  channel: string;
  /** The e-mail address, or the robot's webhook URL. */
  address: string;
  /** The DingTalk robot's signing secret (SEC…). */
  secret: string | null;
  label: string | null;
  created_at: string;
}

export interface SupervisionAttachmentTable {
  id: string;
  plan_id: string;
  order_id: string;
  /** The reply the file came with; null for the order's own files, and for a reply's file until the reply is sent. */
  reply_id: string | null;
  /** order: attached by the reviewer to the order; reply: uploaded by the unit for its reply. */
  purpose: string;
  file_name: string;
  /** importers/attachment-file.ts ATTACHMENT_KIND, sniffed from the bytes. */
  kind: string;
  mime: string;
  size: number;
  sha256: string;
  data: Buffer;
  unit_id: string | null;
  uploaded_by: string;
  created_at: string;
}
