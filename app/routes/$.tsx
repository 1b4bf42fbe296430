// Any URL no other route matches: the root error page shows a translated 404.
export function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return null;
}
