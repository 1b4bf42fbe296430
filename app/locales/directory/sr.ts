// Messages of the directory pages (sr). Same keys in en.ts, sq.ts and sr.ts of this folder.
const directory = {
  title: "Ljudi",
};

export default directory;
