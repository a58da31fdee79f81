/*
 * 键盘可达的表格滚动框（WCAG 2.1.1、GB/T 37668-2019）：窄屏上放不下的表格在主题的外框
 * （.md-typeset__scrollwrap）里左右滚动；只用键盘的读者要能把焦点移到这个外框上，再用方向键滚动。
 * 因此外框放不下表格时可聚焦（tabindex="0"），并作为有名字的区域（role="region"，名字取表格前最近的标题）。
 * 本站的内容安全策略允许本站自己的脚本文件（script-src 'self'），不需要内联脚本。
 *
 * 页眉的“菜单”和“搜索”按钮（主题用 <label> 实现，键盘无法聚焦）：设为按钮（role="button"、tabindex="0"、
 * 中文名称），回车键（主题自带）或空格键打开，与点击相同。
 *
 * Keyboard access to scrolling tables: when a table does not fit its wrapper, the wrapper becomes a named,
 * focusable region (arrow keys then scroll it). The header's menu and search buttons (labels in the theme,
 * which the keyboard cannot reach) become focusable buttons: Enter presses them (the theme clicks a focused
 * label) and so does Space (here). Runs on mkdocs-material's
 * document$ (after the theme has wrapped the tables) and again when the window is resized. The search's
 * result box is in the Tab order only while it holds results.
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

  function tables() {
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

  var BUTTONS = { __drawer: "打开导航菜单", __search: "打开搜索" };

  function buttons() {
    var labels = document.querySelectorAll("label.md-header__button[for]");
    for (var i = 0; i < labels.length; i++) {
      var label = labels[i];
      var name = BUTTONS[label.getAttribute("for")];
      if (!name || label.hasAttribute("tabindex")) continue;
      label.setAttribute("tabindex", "0");
      label.setAttribute("role", "button");
      label.setAttribute("aria-label", name);
      label.addEventListener("keydown", function (event) {
        // Enter the theme handles itself (a focused label is clicked); Space is what a button also answers to
        if (event.key === " ") {
          event.preventDefault();
          event.currentTarget.click();
        }
      });
    }
  }

  /* Opened from its button, the search puts the focus into its box (typing can start at once). */
  function searchToggle() {
    var toggle = document.getElementById("__search");
    if (!toggle || toggle.hasAttribute("data-xh-watched")) return;
    toggle.setAttribute("data-xh-watched", "");
    toggle.addEventListener("change", function () {
      var from = document.activeElement;
      var input = document.querySelector(".md-search__input");
      if (toggle.checked && input && from && from.matches('label.md-header__button[for="__search"]')) {
        input.focus();
      }
    });
  }

  /* The search's result box (tabindex="0" in the theme) takes the focus even when it is empty and the search
     closes on leaving the box: in the Tab order only while it holds results (the stylesheet hides the closed
     search's output, so nothing invisible keeps a tab stop). */
  function searchBox() {
    var box = document.querySelector(".md-search__scrollwrap");
    var list = box && box.querySelector(".md-search-result__list");
    if (!box || !list) return;
    var sync = function () {
      box.setAttribute("tabindex", list.children.length > 0 ? "0" : "-1");
    };
    sync();
    if (!box.hasAttribute("data-xh-watched")) {
      box.setAttribute("data-xh-watched", "");
      new MutationObserver(sync).observe(list, { childList: true });
    }
  }

  function update() {
    buttons();
    searchToggle();
    searchBox();
    tables();
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(update);
  } else {
    document.addEventListener("DOMContentLoaded", update);
  }
  window.addEventListener("resize", update);
})();
