/*
 * 本站的搜索页（search.html）与从硬盘打开时的页眉搜索框。
 *
 * 主题的即时搜索在后台线程（web worker）中运行，并用网络请求读取 search/search_index.json；浏览器从硬盘
 * （file://）打开页面时两者都不允许，页眉的搜索框就一直停在“正在初始化搜索引擎”。构建时同一份索引还写成
 * search/search_index.js（window.xhSearchIndex），普通的 <script src> 从硬盘也能加载；搜索页用它逐字查找，
 * 从服务器访问和从硬盘打开都能用。从硬盘打开时，在页眉搜索框中按回车键，转到搜索页显示结果。
 * 结果只用 textContent 写入页面，索引中的文字不会成为标记。
 *
 * The site's search page, and the header's search box when the site is opened from disk: mkdocs-material's
 * search needs a web worker and a fetch, which file:// pages may not use. The same index, written as a script
 * at build time, is searched here by plain substring matching (every word of the query must occur); from
 * disk, Enter in the header's box opens this page with the query. Results are written with textContent only.
 */
(function () {
  "use strict";

  var MAX_RESULTS = 50;
  var SNIPPET = 60;

  function base() {
    var config = document.getElementById("__config");
    try {
      return config ? JSON.parse(config.textContent).base || "." : ".";
    } catch (error) {
      return ".";
    }
  }

  function squeeze(text) {
    return text.replace(/[\s\u200b]+/g, "").toLowerCase();
  }

  function plain(html) {
    var doc = new DOMParser().parseFromString(html || "", "text/html");
    return (doc.body.textContent || "").replace(/\u200b/g, "").replace(/\s+/g, " ").trim();
  }

  function prepare(index) {
    var own = /^search\.html(#|$)/; /* this page's own text names an example document number */
    return (index.docs || []).filter(function (doc) { return !own.test(doc.location); }).map(function (doc) {
      var title = plain(doc.title);
      var text = plain(doc.text);
      return { location: doc.location, title: title, text: text, key: squeeze(title + " " + text) };
    });
  }

  function search(docs, query) {
    var words = query.split(/[\s\u3000]+/).map(squeeze).filter(Boolean);
    if (!words.length) return [];
    var found = [];
    docs.forEach(function (doc) {
      var score = 0;
      for (var i = 0; i < words.length; i++) {
        var at = doc.key.indexOf(words[i]);
        if (at < 0) return;
        score += squeeze(doc.title).indexOf(words[i]) >= 0 ? 100 : 1;
      }
      found.push({ doc: doc, score: score - doc.location.length / 1000 });
    });
    found.sort(function (a, b) { return b.score - a.score; });
    return found.slice(0, MAX_RESULTS).map(function (hit) { return hit.doc; });
  }

  function snippet(text, query) {
    var first = query.split(/[\s\u3000]+/).filter(Boolean)[0] || "";
    var at = first ? text.toLowerCase().indexOf(first.toLowerCase()) : -1;
    var start = Math.max(0, at - SNIPPET / 2);
    return (start > 0 ? "…" : "") + text.slice(start, start + SNIPPET) + (text.length > start + SNIPPET ? "…" : "");
  }

  function show(docs, query, list, status) {
    var hits = search(docs, query);
    list.textContent = "";
    hits.forEach(function (doc) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = base() + "/" + doc.location;
      link.textContent = doc.title || doc.location;
      var where = document.createElement("p");
      where.className = "xh-search-snippet";
      where.textContent = snippet(doc.text, query);
      item.appendChild(link);
      item.appendChild(where);
      list.appendChild(item);
    });
    if (!query.trim()) {
      status.textContent = "请输入要查找的词语。";
    } else if (hits.length) {
      status.textContent = "找到 " + hits.length + " 个结果" + (hits.length === MAX_RESULTS ? "（只显示前 " + MAX_RESULTS + " 个）" : "") + "。";
    } else {
      status.textContent = "没有找到包含“" + query.trim() + "”的页面。";
    }
  }

  function searchPage() {
    var input = document.getElementById("xh-search-input");
    var list = document.getElementById("xh-search-results");
    var status = document.getElementById("xh-search-status");
    if (!input || !list || !status) return;
    if (!window.xhSearchIndex) {
      status.textContent = "搜索索引没有加载（search/search_index.js）。请重新生成网站。";
      return;
    }
    var docs = prepare(window.xhSearchIndex);
    var query = new URLSearchParams(window.location.search).get("q") || "";
    input.value = query;
    show(docs, query, list, status);
    input.addEventListener("input", function () { show(docs, input.value, list, status); });
  }

  function headerFromDisk() {
    if (window.location.protocol !== "file:") return;
    var box = document.querySelector("input.md-search__input");
    var panel = document.querySelector(".md-search[data-md-component=search]");
    if (!box || !panel) return;
    panel.hidden = false; /* the theme hides its search when its worker cannot start */
    box.setAttribute("placeholder", "输入后按回车键搜索");
    box.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || !box.value.trim()) return;
      event.preventDefault();
      event.stopPropagation();
      window.location.href = base() + "/search.html?q=" + encodeURIComponent(box.value.trim());
    }, true);
    var meta = document.querySelector(".md-search-result__meta");
    if (meta) meta.textContent = "从硬盘打开本站时，请输入后按回车键，在搜索页查看结果。";
  }

  function start() {
    searchPage();
    headerFromDisk();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
