// Messages of the events pages (sq). Same keys in en.ts, sq.ts and sr.ts of this folder.
const events = {
  title: "Ngjarjet",
};

export default events;
