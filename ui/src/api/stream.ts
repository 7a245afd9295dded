// Argo CD's streams: newline-delimited {"result":…} over a long GET. Reconnects (with back-off) when the server ends
// the stream or the network drops, until closed; a stream error {"error":…} ends it with that message.

export interface StreamHandle {
  close(): void;
}

export interface StreamOptions<T> {
  onMessage: (result: T) => void;
  /** Called when (re)connected, before the first message of that connection. */
  onOpen?: () => void;
  onError?: (message: string) => void;
}

export function openStream<T>(path: string, options: StreamOptions<T>): StreamHandle {
  let closed = false;
  let controller: AbortController | null = null;
  let delay = 500;

  const run = async () => {
    while (!closed) {
      controller = new AbortController();
      try {
        const response = await fetch(path, { credentials: 'same-origin', signal: controller.signal, headers: { Accept: 'application/json' } });
        // A refusal (bad query, denied, not found…) does not get better by asking again; only a 408 or 429 might.
        if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
          const body = await response.text();
          let message = body;
          try {
            message = (JSON.parse(body) as { message?: string }).message ?? body;
          } catch {
            // not JSON
          }
          options.onError?.(message || `${response.status}`);
          return;
        }
        if (!response.ok || !response.body) throw new Error(`${response.status}`);
        delay = 500;
        options.onOpen?.();
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let newline: number;
          while ((newline = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, newline).trim();
            buffer = buffer.slice(newline + 1);
            if (!line) continue;
            const message = JSON.parse(line) as { result?: T; error?: { message?: string } };
            if (message.error) {
              options.onError?.(message.error.message ?? 'the stream failed');
              continue;
            }
            if (message.result !== undefined) options.onMessage(message.result);
          }
        }
      } catch (e) {
        if (closed) return;
        if (!(e instanceof DOMException && e.name === 'AbortError')) {
          // fall through to the reconnect below
        }
      }
      if (closed) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  };
  void run();
  return {
    close() {
      closed = true;
      controller?.abort();
    },
  };
}
