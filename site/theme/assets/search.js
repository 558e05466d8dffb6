// The browser search of the exported site. This file is a placeholder:
// it leaves the page as the server sent it, so search.html shows how to
// browse the site instead. It loads nothing and sends nothing anywhere.
"use strict";
