// fss ui: the only script of the pages. It copies commands; everything else works without it.
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  for (const button of document.querySelectorAll('button.copy')) {
    button.addEventListener('click', async () => {
      const text = button.dataset.copy || '';
      const label = button.textContent;
      try {
        await navigator.clipboard.writeText(text);
        button.textContent = 'Copied';
      } catch (e) {
        // no clipboard (an http page in some browsers): select the command so Ctrl-C copies it
        const code = button.parentElement.querySelector('code');
        if (code) window.getSelection().selectAllChildren(code);
        button.textContent = 'Selected: press Ctrl-C';
      }
      button.classList.add('copied');
      setTimeout(() => { button.textContent = label; button.classList.remove('copied'); }, 2000);
    });
  }
});
