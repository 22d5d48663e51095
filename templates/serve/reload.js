// Served pages only (`edition serve` adds this script to the pages it sends; the built
// site never holds it): wait for the next build of the edition, then reload the page.
(function () {
  "use strict";
  const generation = document.currentScript.dataset.generation;

  function pause(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  async function waitForBuild() {
    for (;;) {
      try {
        const response = await fetch("/__edition__/wait?since=" + generation,
                                     { cache: "no-store" });
        const state = await response.json();
        if (String(state.generation) !== generation) {
          window.location.reload();
          return;
        }
      } catch (error) {
        await pause(1000); // the server is stopping or restarting: try again
      }
    }
  }

  waitForBuild();
})();
