// Messages of the directory pages (en). Same keys in en.ts, sq.ts and sr.ts of this folder.
const directory = {
  title: "People",
};

export default directory;
