/** Placeholder sidebar: the real UI replaces this. */
export function App() {
  return (
    <main>
      <h1>Leadline</h1>
      <p>Not signed in</p>
    </main>
  );
}
