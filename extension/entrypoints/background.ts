export default defineBackground(() => {
  // Filled in by the extension issue: sync client, badge, notifications.
});
