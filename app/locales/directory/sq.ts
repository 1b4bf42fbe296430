// Messages of the directory pages (sq). Same keys in en.ts, sq.ts and sr.ts of this folder.
const directory = {
  title: "Njerëzit",
};

export default directory;
