// Messages of the events pages (sr). Same keys in en.ts, sq.ts and sr.ts of this folder.
const events = {
  title: "Događaji",
};

export default events;
