# placeholder: stands in for the build context of the real project (not fetched)
FROM scratch
