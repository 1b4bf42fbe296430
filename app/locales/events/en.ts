// Messages of the events pages (en). Same keys in en.ts, sq.ts and sr.ts of this folder.
const events = {
  title: "Events",
};

export default events;
