// Filters the rows of each flips table: a row stays when every non-empty filter is a
// case-insensitive substring of the row's matching data-* attribute. Reads attributes and
// writes textContent only: nothing from the log is ever parsed as HTML.
document.querySelectorAll("[data-filters]").forEach(function (box) {
  var table = document.getElementById(box.getAttribute("data-filters"));
  var inputs = box.querySelectorAll("input[data-filter]");
  var shown = box.querySelector(".shown");
  function apply() {
    var rows = table.tBodies[0].rows;
    var visible = 0;
    for (var r = 0; r < rows.length; r++) {
      var keep = true;
      inputs.forEach(function (input) {
        var want = input.value.trim().toLowerCase();
        var have = (rows[r].getAttribute("data-" + input.getAttribute("data-filter")) || "").toLowerCase();
        if (want && have.indexOf(want) < 0) {
          keep = false;
        }
      });
      rows[r].hidden = !keep;
      if (keep) {
        visible++;
      }
    }
    shown.textContent = visible + " of " + rows.length + " rows shown";
  }
  box.addEventListener("input", apply);
  apply();
});
