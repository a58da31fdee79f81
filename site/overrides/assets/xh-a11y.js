/*
 * 键盘可达的表格滚动框（WCAG 2.1.1、GB/T 37668-2019）：窄屏上放不下的表格在主题的外框
 * （.md-typeset__scrollwrap）里左右滚动；只用键盘的读者要能把焦点移到这个外框上，再用方向键滚动。
 * 因此外框放不下表格时可聚焦（tabindex="0"），并作为有名字的区域（role="region"，名字取表格前最近的标题）。
 * 本站的内容安全策略允许本站自己的脚本文件（script-src 'self'），不需要内联脚本。
 *
 * Keyboard access to scrolling tables: when a table does not fit its wrapper, the wrapper becomes a named,
 * focusable region (arrow keys then scroll it). Runs on mkdocs-material's document$ (after the theme has
 * wrapped the tables) and again when the window is resized.
 */
(function () {
  "use strict";

  function nameOf(wrap) {
    var node = wrap;
    while (node && node.parentElement) {
      var prev = node.previousElementSibling;
      while (prev) {
        if (/^H[1-6]$/.test(prev.tagName)) {
          return prev.textContent.trim() + "（表格，可左右滚动）";
        }
        prev = prev.previousElementSibling;
      }
      node = node.parentElement;
      if (node.tagName === "ARTICLE") break;
    }
    return "表格（可左右滚动）";
  }

  function update() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap");
    for (var i = 0; i < wraps.length; i++) {
      var wrap = wraps[i];
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", nameOf(wrap));
        wrap.classList.add("xh-scrollable");
      } else if (wrap.classList.contains("xh-scrollable")) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
        wrap.classList.remove("xh-scrollable");
      }
    }
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(update);
  } else {
    document.addEventListener("DOMContentLoaded", update);
  }
  window.addEventListener("resize", update);
})();
