// Messages for input no field rule names (en): a value of the wrong kind, a
// body no form of ours sends. Same keys in sq.ts and sr.ts.
const forms = {
  invalid: "This value is not valid. Check it and send the form again.",
  tooBig: "This value is too large.",
  tooSmall: "This value is too small.",
  refused: {
    title: "The form could not be read",
    text: "Go back to the page, reload it and send the form again.",
    tooLarge: "What was sent is too large. Shorten the longest texts and send the form again.",
  },
};

export default forms;
