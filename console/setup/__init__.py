"""Set-up from zero (issue 17): the township, departments, the 事项清单, staff and their grid posts, and the
import templates. Services only (no Qt): the CLI (`gridconsole township|dept|category|staff|template`) and the
基础设置 windows call the same functions. Each write asks the `reference_edit` permission and leaves an audit row.

- `township`: the one township (level-1 grid) of the database;
- `departments`: departments with short name, duty phone and head; retire/restore;
- `item_list`: categories with dated versions (a change takes effect from a day; open cases keep their limit);
- `staff`: people and their grid posts over time;
- `templates`: the import files' columns with one example row;
- `importers`: the department and category imports (`console.importing.import_file`).
"""
