# expect: TFL105
import pandas as pd
from sklearn.tree import DecisionTreeRegressor
from sklearn.model_selection import train_test_split
from sklearn.metrics import mean_absolute_error

homes = pd.read_csv("melb_data.csv")
X = homes[["Rooms", "Bathroom", "Landsize"]]
y = homes.Price
train_X, val_X, train_y, val_y = train_test_split(X, y, random_state=0)
train_X, test_X, train_y, test_y = train_test_split(train_X, train_y, random_state=0)
best = None
for max_leaf_nodes in [5, 50, 500, 5000]:
    tree = DecisionTreeRegressor(max_leaf_nodes=max_leaf_nodes, random_state=0)
    tree.fit(train_X, train_y)
    mae = mean_absolute_error(test_y, tree.predict(test_X))
    if best is None or mae < best[0]:
        best = (mae, max_leaf_nodes)
