/* Escape hides an open explanation (WCAG 1.4.13); entering it again shows it. */
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") return;
  document.querySelectorAll(".tip").forEach(function (tip) { tip.classList.add("tip-dismissed"); });
});
["focusin", "mouseover"].forEach(function (type) {
  document.addEventListener(type, function (event) {
    var tip = event.target.closest && event.target.closest(".tip");
    if (tip && !(event.relatedTarget && tip.contains(event.relatedTarget))) tip.classList.remove("tip-dismissed");
  });
});
