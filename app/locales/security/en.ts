// Messages of rate limits and other protections (en). Same keys in sq.ts and sr.ts.
const security = {
  tooMany: {
    register_one: "Too many registration attempts from this network or for this email address. Please try again in {{count}} minute.",
    register_other: "Too many registration attempts from this network or for this email address. Please try again in {{count}} minutes.",
    reset_one:
      "You have asked for a new password several times in a short while. If an account exists for this address, a link is already on its way: look in your inbox and your spam folder. You can ask again in {{count}} minute.",
    reset_other:
      "You have asked for a new password several times in a short while. If an account exists for this address, a link is already on its way: look in your inbox and your spam folder. You can ask again in {{count}} minutes.",
    subscribe_one: "You have asked to follow a guideline several times in a short while. A confirmation email is already on its way: look in your inbox and your spam folder. You can ask again in {{count}} minute.",
    subscribe_other: "You have asked to follow a guideline several times in a short while. A confirmation email is already on its way: look in your inbox and your spam folder. You can ask again in {{count}} minutes.",
    answer_one: "Your answer was not saved: too many answers were sent in a short time. Please try again in {{count}} minute.",
    answer_other: "Your answer was not saved: too many answers were sent in a short time. Please try again in {{count}} minutes.",
  },
};

export default security;
