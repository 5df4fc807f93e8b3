// IndexedDB: what the phone keeps between visits and without a network.
//   kv     — the session, today's route and each job's last known server copy
//   outbox — the engineer's taps not yet acknowledged by the server, in tap order

const DB_NAME = "fixroute-engineer";
const DB_VERSION = 1;
let opening = null;

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export function openDb() {
  if (!opening) {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains("kv")) db.createObjectStore("kv");
      if (!db.objectStoreNames.contains("outbox")) {
        db.createObjectStore("outbox", { keyPath: "seq", autoIncrement: true });
      }
    };
    opening = request(req);
  }
  return opening;
}

async function tx(store, mode, work) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const t = db.transaction(store, mode);
    let result;
    Promise.resolve(work(t.objectStore(store))).then((r) => { result = r; }, reject);
    t.oncomplete = () => resolve(result);
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error || new Error("transaction aborted"));
  });
}

export const kv = {
  get: (key) => tx("kv", "readonly", (s) => request(s.get(key))),
  set: (key, value) => tx("kv", "readwrite", (s) => { s.put(value, key); }),
  del: (key) => tx("kv", "readwrite", (s) => { s.delete(key); }),
  keys: () => tx("kv", "readonly", (s) => request(s.getAllKeys())),
};

export const outbox = {
  all: () => tx("outbox", "readonly", (s) => request(s.getAll())),
  add: (entry) => tx("outbox", "readwrite", (s) => request(s.add(entry))),
  put: (entry) => tx("outbox", "readwrite", (s) => { s.put(entry); }),
  remove: (seq) => tx("outbox", "readwrite", (s) => { s.delete(seq); }),
  clear: () => tx("outbox", "readwrite", (s) => { s.clear(); }),
};

// A job's cached copy: {workOrder, version, history, parts, fetchedAt}.
export const jobKey = (id) => `job:${id}`;
