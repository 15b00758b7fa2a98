import { buildUrl, toApiError, type QueryValue } from "./client";
import { CSRF_HEADER, readCsrfToken } from "./csrf";
import { ApiError, NETWORK_ERROR, UNKNOWN_ERROR, fallbackMessage } from "./errors";

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadOptions {
  query?: Record<string, QueryValue>;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  /** The body's media type; the file's bytes are sent as they are. */
  contentType?: string;
}

/**
 * POSTs a file's bytes as the raw request body (the import endpoint takes text/csv as well as
 * multipart; the raw form needs no encoding and its size is the file's). fetch() cannot report upload progress in today's
 * browsers (request streams need HTTP/2 and half-duplex), so this one call uses
 * XMLHttpRequest; errors still arrive as ApiError through the same envelope parsing.
 */
export function uploadFile<T>(path: string, file: File, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", buildUrl(path, options.query));
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Content-Type", options.contentType ?? "application/octet-stream");
    const token = readCsrfToken();
    if (token) xhr.setRequestHeader(CSRF_HEADER, token);

    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.({ loaded: event.loaded, total: event.total });
    };
    xhr.onerror = () => reject(new ApiError({ status: 0, code: NETWORK_ERROR, message: fallbackMessage(0, null) }));
    xhr.onabort = () => reject(new DOMException("The upload was cancelled.", "AbortError"));
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status > 599) {
        reject(new ApiError({ status: 0, code: NETWORK_ERROR, message: fallbackMessage(0, null) }));
        return;
      }
      const response = new Response(xhr.status === 204 ? null : xhr.responseText, {
        status: xhr.status,
        headers: parseHeaders(xhr.getAllResponseHeaders()),
      });
      if (!response.ok) {
        void toApiError(response).then(reject, reject);
        return;
      }
      void response.text().then((text) => {
        try {
          resolve((text.trim() === "" ? undefined : JSON.parse(text)) as T);
        } catch {
          reject(new ApiError({ status: xhr.status, code: UNKNOWN_ERROR, message: "FitFolio sent an answer we couldn’t read. Please try again." }));
        }
      });
    };

    if (options.signal) {
      if (options.signal.aborted) {
        reject(new DOMException("The upload was cancelled.", "AbortError"));
        return;
      }
      options.signal.addEventListener("abort", () => xhr.abort(), { once: true });
    }
    xhr.send(file);
  });
}

function parseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const index = line.indexOf(":");
    if (index <= 0) continue;
    try {
      headers.append(line.slice(0, index).trim(), line.slice(index + 1).trim());
    } catch {
      /* a header the Headers class refuses is of no use to us */
    }
  }
  return headers;
}
