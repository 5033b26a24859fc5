# expect: clean
import pandas as pd
from sklearn.preprocessing import MinMaxScaler as MMS
from sklearn.model_selection import train_test_split as tts
from sklearn.ensemble import RandomForestRegressor

housing = pd.read_csv("housing.csv")
num_cols = ["rooms", "area", "age", "income"]
train_set, test_set = tts(housing, test_size=0.25, random_state=7)
mms = MMS()
train_set[num_cols] = mms.fit_transform(train_set[num_cols])
test_set[num_cols] = mms.transform(test_set[num_cols])
model = RandomForestRegressor()
model.fit(train_set[num_cols], train_set["price"])
print(model.score(test_set[num_cols], test_set["price"]))
