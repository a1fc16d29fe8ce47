// Typed Jupyter messages (protocol 5.3): the subset a notebook runner sends and receives, as a union on msg_type.

export interface MessageHeader {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

/** A MIME bundle, e.g. { 'text/plain': '...', 'image/png': '<base64>' }. */
export type MimeBundle = Record<string, unknown>;

export interface ExecuteRequestContent {
  code: string;
  silent: boolean;
  store_history: boolean;
  user_expressions: Record<string, unknown>;
  allow_stdin: boolean;
  stop_on_error: boolean;
}

export interface ExecuteReplyContent {
  status: 'ok' | 'error' | 'abort' | 'aborted';
  execution_count?: number | null;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

export interface StreamContent { name: 'stdout' | 'stderr'; text: string }
export interface DisplayDataContent { data: MimeBundle; metadata?: Record<string, unknown>; transient?: { display_id?: string } }
export interface ExecuteResultContent extends DisplayDataContent { execution_count: number | null }
export interface ErrorContent { ename: string; evalue: string; traceback: string[] }
export interface StatusContent { execution_state: 'busy' | 'idle' | 'starting' }
export interface KernelInfoReplyContent {
  status?: string;
  protocol_version?: string;
  implementation?: string;
  language_info?: { name: string; version?: string; mimetype?: string; file_extension?: string; [k: string]: unknown };
}

interface Msg<T extends string, C> {
  header: MessageHeader & { msg_type: T };
  parent_header: Partial<MessageHeader>;
  metadata: Record<string, unknown>;
  content: C;
  buffers: Buffer[];
}

/** Every message the runner understands; anything else arrives as `UnknownMessage`. */
export type KernelMessage =
  | Msg<'execute_reply', ExecuteReplyContent>
  | Msg<'kernel_info_reply', KernelInfoReplyContent>
  | Msg<'shutdown_reply', { restart: boolean }>
  | Msg<'interrupt_reply', { status: string }>
  | Msg<'stream', StreamContent>
  | Msg<'display_data', DisplayDataContent>
  | Msg<'update_display_data', DisplayDataContent>
  | Msg<'execute_result', ExecuteResultContent>
  | Msg<'error', ErrorContent>
  | Msg<'status', StatusContent>
  | Msg<'execute_input', { code: string; execution_count: number }>
  | Msg<'clear_output', { wait: boolean }>;

export type RequestType = 'execute_request' | 'kernel_info_request' | 'shutdown_request' | 'interrupt_request' | 'history_request' | 'is_complete_request' | 'complete_request' | 'inspect_request' | 'comm_info_request';

export interface OutgoingMessage {
  header: MessageHeader;
  parent_header: Record<string, never>;
  metadata: Record<string, unknown>;
  content: unknown;
}
