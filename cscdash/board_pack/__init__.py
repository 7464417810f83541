"""The board pack: one content object (:mod:`.content`) laid out as PowerPoint (:mod:`.slides`), PDF
(:mod:`.pdf`) and Excel (:mod:`.workbooks`), written together by :func:`.files.write_pack` for the app's
button and ``python -m cscdash pack``."""
