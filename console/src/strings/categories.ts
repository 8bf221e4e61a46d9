import { pageStrings } from '../page-strings';

export default pageStrings(
  'categories',
  {
    nav: '品类管理',
    title: '品类树',
    intro:
      '商品池共用的品类树，逐级展开。可新增一级品类或在任一品类下新增子品类（最多 8 级）。品类编号写入子品类路径和商品，因此创建后不能改名或删除。',
    top: '顶级',
    addTop: '新增一级品类',
    addChild: '新增子品类',
    addChildLabel: '在「{{name}}」下新增子品类',
    addChildTitle: '在「{{name}}」下新增子品类',
    name: '品类名称',
    nameRule: '请填写品类名称（最多 120 字）',
    id: '编号',
    path: '路径',
    actions: '操作',
    save: '保存',
    created: '已新增品类「{{name}}」',
  },
  {
    nav: 'Categories',
    title: 'Category tree',
    intro:
      "The pool's shared category tree, a level at a time. Add a top-level category or a child under any category (at most 8 deep). A category's id is in its descendants' paths and in products, so it cannot be renamed or deleted once created.",
    top: 'Top level',
    addTop: 'Add a top-level category',
    addChild: 'Add child',
    addChildLabel: 'Add a child under {{name}}',
    addChildTitle: 'Add a child under {{name}}',
    name: 'Category name',
    nameRule: 'Give a name (at most 120 characters)',
    id: 'Id',
    path: 'Path',
    actions: 'Actions',
    save: 'Save',
    created: 'Added the category {{name}}',
  },
);
